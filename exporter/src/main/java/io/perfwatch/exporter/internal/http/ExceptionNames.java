package io.perfwatch.exporter.internal.http;

/** The {@code exception} label: a class's simple name, or its full name for anonymous and local classes. */
final class ExceptionNames {
  static final String NONE = "None";

  private static final ClassValue<String> NAMES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      String simple = type.getSimpleName();
      return simple.isEmpty() ? type.getName() : simple;
    }
  };

  private ExceptionNames() {}

  static String of(Throwable t) {
    return NAMES.get(t.getClass());
  }
}
