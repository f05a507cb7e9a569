/** Not API: the OSHI host sampler and the JVM binders; may change without notice. */
@NullMarked
package io.perfwatch.exporter.internal.system;

import org.jspecify.annotations.NullMarked;
