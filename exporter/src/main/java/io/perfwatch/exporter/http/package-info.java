/** What an app plugs into HTTP timing: {@link IdentityExtractor}, {@link RouteTemplates}, {@link InboundRequest}. */
@NullMarked
package io.perfwatch.exporter.http;

import org.jspecify.annotations.NullMarked;
