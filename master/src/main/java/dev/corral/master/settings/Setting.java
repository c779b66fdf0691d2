package dev.corral.master.settings;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One setting, declared once: its name (Gunicorn's where Gunicorn has it), how to read and
 * check a value, its default, its command-line flags, its environment variable and its doc.
 * Everything else (the file, the command line, {@code --help}, docs/settings.md) is derived.
 *
 * @param <T> the type of its value
 */
public final class Setting<T> {
    private final String name;
    private final String section;
    private final String allowed;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final Supplier<String> defaultText;
    private final List<String> flags;
    private final String metavar;
    private final String doc;
    private final boolean restartRequired;
    private final boolean repeatable;
    private final boolean switchFlag;
    private final boolean commandLineOnly;
    private final boolean action;

    Setting(Builder<T> b) {
        this.name = b.name;
        this.section = b.section;
        this.allowed = b.allowed;
        this.parser = b.parser;
        this.formatter = b.formatter;
        this.defaultText = b.defaultText;
        this.flags = b.switchFlag ? withNegations(b.flags) : List.copyOf(b.flags);
        this.metavar = b.metavar;
        this.doc = b.doc;
        this.restartRequired = b.restartRequired;
        this.repeatable = b.repeatable;
        this.switchFlag = b.switchFlag;
        this.commandLineOnly = b.commandLineOnly;
        this.action = b.action;
    }

    public String name() {
        return name;
    }

    public String section() {
        return section;
    }

    /** What values are allowed, as the error messages and docs say it. */
    public String allowed() {
        return allowed;
    }

    public String envVar() {
        return "CORRAL_" + name.toUpperCase(java.util.Locale.ROOT);
    }

    /** Its command-line flags: the declared ones, then for a boolean setting their {@code --no-} forms. */
    public List<String> flags() {
        return flags;
    }

    /** True for a {@code --no-} flag of a boolean setting, which sets it to false. */
    public boolean negates(String flag) {
        return switchFlag && flag.startsWith("--no-") && flags.contains(flag);
    }

    // Derived, not declared, so that every boolean setting has them and none can be forgotten.
    private static List<String> withNegations(List<String> declared) {
        List<String> all = new java.util.ArrayList<>(declared);
        declared.stream().filter(f -> f.startsWith("--")).map(f -> "--no-" + f.substring(2)).forEach(all::add);
        return List.copyOf(all);
    }

    public String metavar() {
        return metavar;
    }

    public String doc() {
        return doc;
    }

    /** True for settings a reload (HUP) cannot change. */
    public boolean restartRequired() {
        return restartRequired;
    }

    /** True when several values accumulate ({@code bind}). */
    public boolean repeatable() {
        return repeatable;
    }

    /**
     * True for a boolean setting. Its flag takes no separate value, as Gunicorn's do:
     * {@code --demo-crash} is true, {@code --no-demo-crash} false, {@code --demo-crash=false} also.
     */
    public boolean switchFlag() {
        return switchFlag;
    }

    /** True for {@code config} and the actions: not allowed inside a config file. */
    public boolean commandLineOnly() {
        return commandLineOnly;
    }

    /** True for a switch that makes the master do something and exit (--check-config), not run. */
    public boolean action() {
        return action;
    }

    /** The default, as its text; empty when unset. */
    public String defaultText() {
        return defaultText.get();
    }

    /** Reads a value; the exception's message says what is allowed. */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** The canonical text of a value, which {@link #parse} reads back to the same value. */
    public String format(Object value) {
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return value == null ? "" : formatter.apply(typed);
    }

    @Override
    public String toString() {
        return name;
    }

    static <T> Builder<T> named(String name, Function<String, T> parser) {
        return new Builder<>(name, parser);
    }

    /** Declares a setting; see {@link Registry}. */
    static final class Builder<T> {
        private final String name;
        private final Function<String, T> parser;
        private Function<T, String> formatter = Objects::toString;
        private String section = "Server";
        private String allowed = "";
        private Supplier<String> defaultText = () -> "";
        private List<String> flags = List.of();
        private String metavar = "VALUE";
        private String doc = "";
        private boolean restartRequired;
        private boolean repeatable;
        private boolean switchFlag;
        private boolean commandLineOnly;
        private boolean action;

        private Builder(String name, Function<String, T> parser) {
            this.name = name;
            this.parser = parser;
        }

        Builder<T> section(String s) { section = s; return this; }
        Builder<T> allowed(String a) { allowed = a; return this; }
        Builder<T> byDefault(String d) { defaultText = () -> d; return this; }
        Builder<T> byDefault(Supplier<String> d) { defaultText = d; return this; }
        Builder<T> flags(String... f) { flags = List.of(f); return this; }
        Builder<T> metavar(String m) { metavar = m; return this; }
        Builder<T> doc(String d) { doc = d; return this; }
        Builder<T> format(Function<T, String> f) { formatter = f; return this; }
        Builder<T> restartRequired() { restartRequired = true; return this; }
        Builder<T> repeatable() { repeatable = true; return this; }
        Builder<T> switchFlag() { switchFlag = true; return this; }
        Builder<T> commandLineOnly() { commandLineOnly = true; return this; }
        Builder<T> action() { action = true; switchFlag = true; commandLineOnly = true; return this; }

        Setting<T> declare() {
            Setting<T> s = new Setting<>(this);
            Registry.register(s);
            return s;
        }
    }
}
