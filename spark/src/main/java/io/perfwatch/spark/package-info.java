/** perfwatch for Spark Java: {@link SparkPerfWatch}. */
@NullMarked
package io.perfwatch.spark;

import org.jspecify.annotations.NullMarked;
