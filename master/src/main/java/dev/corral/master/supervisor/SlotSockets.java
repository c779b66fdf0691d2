package dev.corral.master.supervisor;

import dev.corral.master.sockets.ListenerSet;
import java.util.List;

/**
 * The listening sockets by worker slot, the part of a {@link ListenerSet} the pool needs; the
 * tests hand it a fake. Used only from the supervision loop.
 */
interface SlotSockets {
    List<ListenerSet.Handed> socketsFor(int slot) throws ListenerSet.BindFailure;

    /** Closes the sockets of slots {@code slots} and above. */
    void releaseSlotsFrom(int slots);

    /** Closes every socket (and removes Unix socket files): the master is stopping. */
    void closeAll();

    static SlotSockets of(ListenerSet listeners) {
        return new SlotSockets() {
            @Override
            public List<ListenerSet.Handed> socketsFor(int slot) throws ListenerSet.BindFailure {
                return listeners.socketsFor(slot);
            }

            @Override
            public void releaseSlotsFrom(int slots) {
                listeners.releaseSlotsFrom(slots);
            }

            @Override
            public void closeAll() {
                listeners.close();
            }
        };
    }
}
