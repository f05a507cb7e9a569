/** JMH benchmarks of perfwatch's costs; not part of the product jar. */
@NullMarked
package io.perfwatch.bench;

import org.jspecify.annotations.NullMarked;
