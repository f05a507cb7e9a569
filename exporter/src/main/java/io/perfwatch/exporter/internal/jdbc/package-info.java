/** Not API: perfwatch's jdbc instrumentation; may change without notice. */
@NullMarked
package io.perfwatch.exporter.internal.jdbc;

import org.jspecify.annotations.NullMarked;
