package dev.corral.master.supervisor;

import java.util.List;

/** Reopens the log files after logrotate moved them (USR1), in the master and in every worker. */
@FunctionalInterface
public interface LogReopener {
    void reopen(List<ControlLink> workers);
}
