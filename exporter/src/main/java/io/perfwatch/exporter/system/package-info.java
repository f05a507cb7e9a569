@NullMarked
package io.perfwatch.exporter.system;

import org.jspecify.annotations.NullMarked;
