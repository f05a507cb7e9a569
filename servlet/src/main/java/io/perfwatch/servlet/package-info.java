/** perfwatch for {@code javax.servlet} containers (Servlet 3.1 and 4: Jetty 9.4, Tomcat 9): {@link PerfWatchFilter}. */
@NullMarked
package io.perfwatch.servlet;

import org.jspecify.annotations.NullMarked;
