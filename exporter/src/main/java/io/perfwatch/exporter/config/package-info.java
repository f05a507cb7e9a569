@NullMarked
package io.perfwatch.exporter.config;

import org.jspecify.annotations.NullMarked;
