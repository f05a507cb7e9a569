/** The indexes and primary keys of the monitored database's tables, read once and cached, for index advice. */
@NullMarked
package io.perfwatch.rules.schema;

import org.jspecify.annotations.NullMarked;
