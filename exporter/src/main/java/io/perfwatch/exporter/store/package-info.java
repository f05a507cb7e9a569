@NullMarked
package io.perfwatch.exporter.store;

import org.jspecify.annotations.NullMarked;
