/** Not API: perfwatch's own machinery, shared with its adapters; may change without notice. */
@NullMarked
package io.perfwatch.exporter.internal;

import org.jspecify.annotations.NullMarked;
