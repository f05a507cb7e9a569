@NullMarked
package io.perfwatch.service.api;

import org.jspecify.annotations.NullMarked;
