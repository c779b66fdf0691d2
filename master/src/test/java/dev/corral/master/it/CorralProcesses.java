package dev.corral.master.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts Corral masters for a test and kills every one of them, and their workers, after it. */
final class CorralProcesses implements AfterEachCallback {
    private final List<Corral> started = new ArrayList<>();

    Corral start(String... args) throws IOException {
        return start(List.of(), args);
    }

    Corral start(List<String> env, String... args) throws IOException {
        return startUnder(List.of(), env, args);
    }

    Corral startUnder(List<String> wrapper, List<String> env, String... args) throws IOException {
        Corral c = Corral.start(env, wrapper, args);
        started.add(c);
        return c;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(Corral::close);
        started.clear();
    }
}
