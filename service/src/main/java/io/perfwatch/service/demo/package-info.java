@NullMarked
package io.perfwatch.service.demo;

import org.jspecify.annotations.NullMarked;
