package sip2

import (
	"bytes"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func readAll(t *testing.T, r *Reader) (lines []string, err error) {
	t.Helper()
	for {
		l, err := r.ReadLine()
		if err != nil {
			return lines, err
		}
		lines = append(lines, string(l))
	}
}

func TestReaderTerminators(t *testing.T) {
	in := "9900302.00\r9300CNu|COp|\r\n\r\n2300120260314    103000AO|AA|AC|AD|\n\r97\r"
	want := []string{"9900302.00", "9300CNu|COp|", "2300120260314    103000AO|AA|AC|AD|", "97"}
	for name, r := range map[string]io.Reader{
		"whole":    strings.NewReader(in),
		"one byte": iotest.OneByteReader(strings.NewReader(in)),
		"half":     iotest.HalfReader(strings.NewReader(in)),
	} {
		lines, err := readAll(t, NewReader(r))
		if err != io.EOF || strings.Join(lines, ",") != strings.Join(want, ",") {
			t.Errorf("%s: %q, %v", name, lines, err)
		}
	}
}

func TestReaderMissingTerminator(t *testing.T) {
	r := NewReader(strings.NewReader("97\r9900302.00"))
	if l, err := r.ReadLine(); string(l) != "97" || err != nil {
		t.Fatalf("%q %v", l, err)
	}
	l, err := r.ReadLine()
	if string(l) != "9900302.00" || err != io.ErrUnexpectedEOF {
		t.Errorf("unterminated last line: %q, %v", l, err)
	}
}

func TestReaderLineTooLong(t *testing.T) {
	long := strings.Repeat("x", 100)
	in := "97\r" + long + "\r96\r" + long + long // the last one never ends
	r := NewReader(iotest.OneByteReader(strings.NewReader(in)))
	r.MaxLineLength = 64
	var got []string
	for {
		l, err := r.ReadLine()
		if err == io.EOF {
			break
		}
		if errors.Is(err, ErrLineTooLong) {
			got = append(got, "TOO LONG")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(l))
	}
	if want := "97,TOO LONG,96,TOO LONG"; strings.Join(got, ",") != want {
		t.Errorf("got %q, want %s", got, want)
	}
	// Exactly at the limit is fine.
	r = NewReader(strings.NewReader(strings.Repeat("y", 64) + "\r"))
	r.MaxLineLength = 64
	if l, err := r.ReadLine(); len(l) != 64 || err != nil {
		t.Errorf("line at the limit: %d, %v", len(l), err)
	}
	// The default limit is 64 KiB.
	r = NewReader(strings.NewReader(strings.Repeat("z", MaxLineLength+1) + "\r97\r"))
	if _, err := r.ReadLine(); !errors.Is(err, ErrLineTooLong) {
		t.Errorf("over 64 KiB: %v", err)
	}
	if l, err := r.ReadLine(); string(l) != "97" || err != nil {
		t.Errorf("after a long line: %q, %v", l, err)
	}
}

func TestReaderReadError(t *testing.T) {
	boom := errors.New("boom")
	r := NewReader(iotest.ErrReader(boom))
	if _, err := r.ReadLine(); err != boom {
		t.Errorf("got %v", err)
	}
}

// A conversation over a real connection: the reader gets each message as
// soon as its CR arrives, without waiting for more.
func TestReaderWriterOverConn(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	defer server.Close()
	codec := Codec{Charset: GB18030, ErrorDetection: true}
	done := make(chan error, 1)
	go func() {
		r := NewReader(server)
		r.Codec = codec
		w := NewWriter(server)
		w.Codec = codec
		for {
			m, err := r.ReadMessage()
			if err != nil {
				done <- err
				return
			}
			co, ok := m.(*Checkout)
			if !ok {
				done <- errors.New("not a checkout")
				return
			}
			resp := &CheckoutResponse{OK: true, Desensitize: Yes, TransactionDate: ts,
				InstitutionID: co.InstitutionID, PatronID: co.PatronID, ItemID: co.ItemID,
				TitleID: "红楼梦", DueDate: due, ScreenMessage: []string{"借书成功"}}
			resp.Seq = co.Seq
			if err := w.WriteMessage(resp); err != nil {
				done <- err
				return
			}
		}
	}()
	_ = client.SetDeadline(time.Now().Add(5 * time.Second))
	w := NewWriter(client)
	w.Codec = codec
	r := NewReader(client)
	r.Codec = codec
	for seq := range 3 {
		req := &Checkout{TransactionDate: ts, InstitutionID: "LT", PatronID: "读者1", ItemID: "b1", TerminalPassword: "k"}
		req.Seq = seq
		if err := w.WriteMessage(req); err != nil {
			t.Fatal(err)
		}
		m, err := r.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		resp := m.(*CheckoutResponse)
		if resp.Seq != seq || resp.PatronID != "读者1" || resp.ScreenMessage[0] != "借书成功" || resp.Desensitize != Yes {
			t.Errorf("response %d: %+v", seq, resp)
		}
	}
	client.Close()
	if err := <-done; err != io.EOF && !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("server: %v", err)
	}
}

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.WriteMessage(&LoginResponse{OK: true}); err != nil {
		t.Fatal(err)
	}
	w.Codec.ErrorDetection = true
	if err := w.WriteMessage(&RequestSCResend{}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "941\r96AZFEF6\r" {
		t.Errorf("got %q", got)
	}
}
