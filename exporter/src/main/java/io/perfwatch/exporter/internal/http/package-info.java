/** Not API: perfwatch's http instrumentation; may change without notice. */
@NullMarked
package io.perfwatch.exporter.internal.http;

import org.jspecify.annotations.NullMarked;
