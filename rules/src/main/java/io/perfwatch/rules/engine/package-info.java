@NullMarked
package io.perfwatch.rules.engine;

import org.jspecify.annotations.NullMarked;
