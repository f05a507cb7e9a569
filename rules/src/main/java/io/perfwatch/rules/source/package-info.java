@NullMarked
package io.perfwatch.rules.source;

import org.jspecify.annotations.NullMarked;
