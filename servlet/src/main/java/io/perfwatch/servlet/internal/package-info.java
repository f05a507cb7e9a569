/** Not API: the request timing the servlet filter and perfwatch-spark share; may change without notice. */
@NullMarked
package io.perfwatch.servlet.internal;

import org.jspecify.annotations.NullMarked;
