@NullMarked
package io.perfwatch.rules.alert;

import org.jspecify.annotations.NullMarked;
