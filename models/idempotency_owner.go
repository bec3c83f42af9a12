package models

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// ownerName names a process in idempotency claims (and other leases):
// its machine, its process id and a random id of its store, so that a
// claim left by a process that died can be recognised by its successor.
func ownerName(host string, pid int, id string) string {
	return fmt.Sprintf("%s/%d/%s", host, pid, id)
}

// newInstance is this store's owner name.
func newInstance() string {
	host, _ := os.Hostname()
	return ownerName(host, os.Getpid(), NewID())
}

// ownerGone reports whether the process named owner (not this store) is
// known to have stopped: it ran on this machine and either had this
// process's id (an earlier life of this process: a container's PID 1
// restarted) or its process id names no running process. A restarted
// service thus takes its claims over at once, as the README says. Anything
// else (another machine, a live or unknown process) is presumed running:
// its claim is respected for IdempotencyLease. A wrong guess is harmless:
// a request whose claim was taken over cannot commit (bindIdempotency).
func ownerGone(owner string) bool {
	host, _ := os.Hostname()
	parts := strings.SplitN(owner, "/", 3)
	if len(parts) != 3 || parts[0] != host {
		return false
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil || pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
