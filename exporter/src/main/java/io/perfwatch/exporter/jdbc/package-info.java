@NullMarked
package io.perfwatch.exporter.jdbc;

import org.jspecify.annotations.NullMarked;
