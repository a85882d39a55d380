package sip2server

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/sip2"
)

// Session is a logged-in machine's connection, as handlers see it.
type Session struct {
	Machine Machine
	Actor   auth.Actor
	// Language is the language of the last patron the machine named (AF
	// screen messages are written in it); "" until one is known.
	Language string
}

// Handler answers the requests of a logged-in machine. It returns nil for
// a message it does not answer.
type Handler interface {
	Handle(ctx context.Context, s *Session, m sip2.Message) (sip2.Message, error)
}

// maxBadLogins is how many refused logins a connection gets before it is
// closed.
const maxBadLogins = 3

type conn struct {
	srv *Server
	nc  net.Conn

	mu       sync.Mutex
	busy     bool // answering a message: Shutdown lets it finish
	stopping bool

	session *Session
	last    []byte // the last answer, for a resend request (97)
	r       *sip2.Reader
	w       *sip2.Writer
}

// stop asks the connection to close after the message it is answering.
func (c *conn) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopping = true
	if !c.busy {
		c.nc.SetReadDeadline(time.Now())
	}
}

func (c *conn) setBusy(b bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopping {
		return false
	}
	c.busy = b
	return true
}

func (c *conn) serve() {
	defer c.nc.Close()
	log := c.srv.log().With("remote", c.nc.RemoteAddr().String())
	log.Debug("sip2 connection")
	c.r = sip2.NewReader(c.nc)
	c.w = sip2.NewWriter(c.nc)
	badLogins := 0
	for {
		if !c.setBusy(false) {
			return
		}
		c.nc.SetReadDeadline(time.Now().Add(c.srv.idleTimeout()))
		line, err := c.r.ReadLine()
		if err != nil {
			if errors.Is(err, sip2.ErrLineTooLong) {
				log.Warn("sip2 line too long")
				if !c.write(&sip2.RequestSCResend{}) {
					return
				}
				continue
			}
			if errors.Is(err, os.ErrDeadlineExceeded) {
				log.Info("sip2 connection idle, closed")
			} else if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				log.Info("sip2 connection ended", "err", err)
			}
			return
		}
		if !c.setBusy(true) {
			return
		}
		msg, err := c.r.Codec.Parse(line)
		if err != nil {
			// A bad checksum, a missing one, or a message that does not
			// parse: the protocol's answer is a request to send it again.
			log.Info("sip2 message refused", "err", err)
			if !c.write(&sip2.RequestSCResend{}) {
				return
			}
			continue
		}
		if c.session == nil && msg.Metadata().Seq != sip2.NoSeq {
			// The machine numbers its messages: answer with checksums.
			c.w.Codec.ErrorDetection = true
		}
		switch m := msg.(type) {
		case *sip2.RequestACSResend:
			if c.last != nil {
				c.nc.SetWriteDeadline(time.Now().Add(c.srv.writeTimeout()))
				if _, err := c.nc.Write(c.last); err != nil {
					return
				}
			}
			continue
		case *sip2.Login:
			ok := c.login(m)
			if !ok {
				badLogins++
			}
			if !c.write(&sip2.LoginResponse{Meta: sip2.Meta{Seq: m.Seq}, OK: ok}) || badLogins >= maxBadLogins {
				return
			}
			continue
		}
		if c.session == nil {
			// Only a login, a resend request or a status request before
			// logging in; the status says the ILS is off line to it.
			if st, ok := msg.(*sip2.SCStatus); ok {
				if !c.write(offlineStatus(st)) {
					return
				}
				continue
			}
			log.Info("sip2 message before login, connection closed", "code", msg.Code())
			return
		}
		answer, err := c.answer(msg)
		if err != nil {
			log.Error("sip2 message failed", "code", msg.Code(), "machine", c.session.Machine.Login, "err", err)
			continue
		}
		if answer == nil {
			log.Info("sip2 message not supported", "code", msg.Code(), "machine", c.session.Machine.Login)
			continue
		}
		answer.Metadata().Seq = msg.Metadata().Seq
		if !c.write(answer) {
			return
		}
	}
}

// answer answers a logged-in machine's message: status here, the rest by
// the handler.
func (c *conn) answer(msg sip2.Message) (sip2.Message, error) {
	if st, ok := msg.(*sip2.SCStatus); ok {
		return c.status(st), nil
	}
	if c.srv.Handler == nil {
		return nil, nil
	}
	return c.srv.Handler.Handle(context.Background(), c.session, msg)
}

// login checks a machine's account and sets the connection up for it.
func (c *conn) login(m *sip2.Login) bool {
	mach, err := c.srv.Machines.Authenticate(context.Background(), m.LoginUserID, m.LoginPassword, hostOf(c.nc.RemoteAddr()))
	if err != nil {
		if !errors.Is(err, ErrLoginRefused) {
			c.srv.log().Error("sip2 login failed", "login", m.LoginUserID, "err", err)
		} else {
			c.srv.log().Warn("sip2 login refused", "login", m.LoginUserID, "remote", c.nc.RemoteAddr().String())
		}
		return false
	}
	cs, _ := sip2.ParseCharset(mach.Charset)
	c.r.Codec.Charset, c.w.Codec.Charset = cs, cs
	if mach.Checksums {
		c.r.Codec.ErrorDetection, c.w.Codec.ErrorDetection = true, true
	}
	c.session = &Session{Machine: mach, Actor: mach.Actor(hostOf(c.nc.RemoteAddr()))}
	c.srv.log().Info("sip2 machine logged in", "login", mach.Login, "branch", mach.Branch, "location", mach.Location)
	return true
}

// write sends an answer and keeps it for a resend request.
func (c *conn) write(m sip2.Message) bool {
	line := append(c.w.Codec.Format(m), '\r')
	c.nc.SetWriteDeadline(time.Now().Add(c.srv.writeTimeout()))
	if _, err := c.nc.Write(line); err != nil {
		return false
	}
	if m.Code() != "96" {
		c.last = line
	}
	return true
}

func hostOf(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok {
		return ta.IP.String()
	}
	return a.String()
}
