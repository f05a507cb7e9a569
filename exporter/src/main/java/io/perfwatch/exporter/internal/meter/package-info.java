/** Not API: shared meter plumbing, label cardinality limits and the histogram bucket layouts. */
@NullMarked
package io.perfwatch.exporter.internal.meter;

import org.jspecify.annotations.NullMarked;
