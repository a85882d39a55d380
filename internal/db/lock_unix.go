//go:build unix

package db

import (
	"fmt"
	"os"
	"syscall"
)

// ServerLock marks a SQLite database as in use by a running server, so that
// `lantai restore` refuses to replace it underneath. Servers hold it shared
// (several may run on one file); restore needs it exclusively.
type ServerLock struct{ f *os.File }

func lockFile(dbPath string, how int) (*ServerLock, error) {
	f, err := os.OpenFile(dbPath+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return &ServerLock{f}, nil
}

// LockServer takes the shared lock a running server holds.
func LockServer(dbPath string) (*ServerLock, error) {
	l, err := lockFile(dbPath, syscall.LOCK_SH)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dbPath, err)
	}
	return l, nil
}

// LockExclusive takes the lock that only one process, and no server, may hold.
func LockExclusive(dbPath string) (*ServerLock, error) {
	l, err := lockFile(dbPath, syscall.LOCK_EX)
	if err != nil {
		return nil, fmt.Errorf("%s is in use by a running lantai server: stop it first", dbPath)
	}
	return l, nil
}

// Release lets go of the lock.
func (l *ServerLock) Release() {
	if l != nil && l.f != nil {
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		l.f.Close()
		l.f = nil
	}
}
