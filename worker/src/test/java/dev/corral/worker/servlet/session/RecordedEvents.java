package dev.corral.worker.servlet.session;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;

/** Session events as lines ({@code added a=1}), for tests to compare; any thread. */
final class RecordedEvents implements SessionEvents {
    private final List<String> lines = new ArrayList<>();

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized void clear() {
        lines.clear();
    }

    private synchronized void add(String line) {
        lines.add(line);
    }

    @Override
    public void created(HttpSession s) {
        add("created " + s.getId());
    }

    @Override
    public void destroyed(HttpSession s) {
        // Still usable: the attributes are listed to prove it.
        add("destroyed " + s.getId() + " " + java.util.Collections.list(s.getAttributeNames()));
    }

    @Override
    public void attributeAdded(HttpSession s, String name, Object value) {
        add("added " + name + "=" + value);
    }

    @Override
    public void attributeReplaced(HttpSession s, String name, Object value) {
        add("replaced " + name + "=" + value);
    }

    @Override
    public void attributeRemoved(HttpSession s, String name, Object value) {
        add("removed " + name + "=" + value);
    }

    @Override
    public void idChanged(HttpSession s, String oldId) {
        add("idChanged " + oldId + " -> " + s.getId());
    }
}
