// Package sip2server is Lantai's SIP2 front door: self-check machines,
// book drops and security gates connect over TCP (optionally TLS), log in
// with their own machine account, and lend, take back, renew and pay
// through the same circulation service methods as the desk.
package sip2server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"
)

// Server listens for SIP2 connections.
type Server struct {
	// Machines checks logins.
	Machines *Machines
	// Handler answers the messages of logged-in machines.
	Handler Handler
	// TLS, when set, makes the listener speak TLS.
	TLS *tls.Config
	// IdleTimeout closes a connection that sends nothing for this long
	// (default 10 minutes); WriteTimeout bounds writing one answer
	// (default 30 seconds).
	IdleTimeout, WriteTimeout time.Duration
	// Log receives connection events; nil logs nothing.
	Log *slog.Logger
	// Location is the library's time zone, for the times sent to machines
	// (default Asia/Shanghai).
	Location *time.Location

	mu       sync.Mutex
	ln       net.Listener
	conns    map[*conn]struct{}
	shutdown bool
	wg       sync.WaitGroup
}

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("sip2: server closed")

// Serve accepts connections on ln until Shutdown; each is served in its own
// goroutine.
func (s *Server) Serve(ln net.Listener) error {
	if s.TLS != nil {
		ln = tls.NewListener(ln, s.TLS)
	}
	s.mu.Lock()
	if s.shutdown {
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	s.ln = ln
	if s.conns == nil {
		s.conns = map[*conn]struct{}{}
	}
	s.mu.Unlock()
	var delay time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			s.mu.Lock()
			closed := s.shutdown
			s.mu.Unlock()
			if closed {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return fmt.Errorf("sip2 accept: %w", err)
		}
		delay = 0
		c := &conn{srv: s, nc: nc}
		s.mu.Lock()
		if s.shutdown {
			s.mu.Unlock()
			nc.Close()
			return ErrServerClosed
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			c.serve()
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
		}()
	}
}

// Shutdown stops accepting connections, lets every connection finish the
// message it is answering, closes them, and waits for that or for ctx.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.shutdown = true
	if s.ln != nil {
		s.ln.Close()
	}
	for c := range s.conns {
		c.stop()
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		for c := range s.conns {
			c.nc.Close()
		}
		s.mu.Unlock()
		return ctx.Err()
	}
}

func (s *Server) idleTimeout() time.Duration {
	if s.IdleTimeout > 0 {
		return s.IdleTimeout
	}
	return 10 * time.Minute
}

func (s *Server) writeTimeout() time.Duration {
	if s.WriteTimeout > 0 {
		return s.WriteTimeout
	}
	return 30 * time.Second
}

func (s *Server) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.DiscardHandler)
}

func (s *Server) location() *time.Location {
	if s.Location != nil {
		return s.Location
	}
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.UTC
}
