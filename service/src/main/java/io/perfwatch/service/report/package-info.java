@NullMarked
package io.perfwatch.service.report;

import org.jspecify.annotations.NullMarked;
