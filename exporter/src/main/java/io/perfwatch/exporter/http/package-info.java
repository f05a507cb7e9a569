@NullMarked
package io.perfwatch.exporter.http;

import org.jspecify.annotations.NullMarked;
