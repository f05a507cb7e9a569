@NullMarked
package io.perfwatch.exporter;

import org.jspecify.annotations.NullMarked;
