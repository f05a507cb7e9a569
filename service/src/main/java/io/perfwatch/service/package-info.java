@NullMarked
package io.perfwatch.service;

import org.jspecify.annotations.NullMarked;
