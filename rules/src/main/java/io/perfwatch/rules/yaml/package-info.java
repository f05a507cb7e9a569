@NullMarked
package io.perfwatch.rules.yaml;

import org.jspecify.annotations.NullMarked;
