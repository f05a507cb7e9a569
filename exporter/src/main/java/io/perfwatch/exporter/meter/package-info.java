/** Shared meter plumbing: label cardinality limits and the histogram bucket layouts. */
@NullMarked
package io.perfwatch.exporter.meter;

import org.jspecify.annotations.NullMarked;
