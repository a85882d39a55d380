package sip2server_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
)

// line is a machine's connection for goroutines: errors are returned, not
// fatal.
type line struct {
	nc net.Conn
	br *bufio.Reader
}

func dialLine(addr, login, password string) (*line, error) {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	l := &line{nc: nc, br: bufio.NewReader(nc)}
	got, err := l.send("9300CN" + login + "|CO" + password + "|CPx|")
	if err == nil && got != "941" {
		err = fmt.Errorf("login: %q", got)
	}
	if err != nil {
		nc.Close()
		return nil, err
	}
	return l, nil
}

func (l *line) send(s string) (string, error) {
	l.nc.SetDeadline(time.Now().Add(60 * time.Second))
	if _, err := l.nc.Write([]byte(s + "\r")); err != nil {
		return "", err
	}
	got, err := l.br.ReadString('\r')
	if err != nil {
		return "", fmt.Errorf("no answer to %q: %w", s, err)
	}
	return strings.TrimSuffix(got, "\r"), nil
}

// checkout and checkin send the message and report the ok flag.
func (l *line) checkout(card, barcode string) (bool, error) {
	got, err := l.send("11YN20260901    100000                  AOLT|AA" + card + "|AB" + barcode + "|AC|")
	if err != nil {
		return false, err
	}
	if !strings.HasPrefix(got, "12") || len(got) < 3 {
		return false, fmt.Errorf("checkout answered %q", got)
	}
	return got[2] == '1', nil
}

func (l *line) checkin(barcode string) (bool, error) {
	got, err := l.send("09N20260901    10000020260901    100000APx|AOLT|AB" + barcode + "|AC|")
	if err != nil {
		return false, err
	}
	if !strings.HasPrefix(got, "10") || len(got) < 3 {
		return false, fmt.Errorf("checkin answered %q", got)
	}
	return got[2] == '1', nil
}

// TestFiftyMachines has 50 machines work at once: each lends and takes
// back its own items four times over and keeps two, and all of them race
// for the same ten items. Every message is answered; each shared item is
// lent exactly once, to the machine told yes; the loans in the database are
// exactly those the answers imply.
func TestFiftyMachines(t *testing.T) {
	const machines, own, shared, rounds = 50, 4, 10, 4
	clk := clock.NewSettable(t0)
	dbtest.EachWithClock(t, clk, func(t *testing.T, d *db.DB) {
		clk.Set(t0)
		w := newWorld(t, d, clk, nil)
		w.allow("external")
		mine := make([][]string, machines)
		for i := range machines {
			w.reader(fmt.Sprintf("C%03d", i), fmt.Sprintf("读者%d", i), "external")
			rec := w.record(fmt.Sprintf("书 %d", i), "作者")
			for j := range own {
				mine[i] = append(mine[i], fmt.Sprintf("M%03d%c", i, 'A'+j))
			}
			w.items(rec, "stacks", "book", mine[i]...)
		}
		var pool []string
		for j := range shared {
			bc := fmt.Sprintf("S%03d", j)
			w.items(w.record("共享 "+bc, "作者"), "stacks", "book", bc)
			pool = append(pool, bc)
		}

		var wg sync.WaitGroup
		var mu sync.Mutex
		won := map[string][]int{} // shared item → machines told yes
		start := make(chan struct{})
		for i := range machines {
			wg.Go(func() {
				card := fmt.Sprintf("C%03d", i)
				l, err := dialLine(w.rig.addr, "kiosk1", "secret-one")
				if err != nil {
					t.Error(err)
					return
				}
				defer l.nc.Close()
				<-start
				fail := func(what string, ok bool, err error) bool {
					if err != nil || !ok {
						t.Errorf("machine %d: %s: ok %v, %v", i, what, ok, err)
						return true
					}
					return false
				}
				for r := range rounds {
					for _, bc := range mine[i] {
						if ok, err := l.checkout(card, bc); fail("checkout "+bc, ok, err) {
							return
						}
					}
					if r == 1 {
						order := rand.Perm(shared)
						for _, j := range order {
							ok, err := l.checkout(card, pool[j])
							if err != nil {
								t.Errorf("machine %d: shared %s: %v", i, pool[j], err)
								return
							}
							if ok {
								mu.Lock()
								won[pool[j]] = append(won[pool[j]], i)
								mu.Unlock()
							}
						}
					}
					for _, bc := range mine[i] {
						if ok, err := l.checkin(bc); fail("checkin "+bc, ok, err) {
							return
						}
					}
				}
				for _, bc := range mine[i][:2] {
					if ok, err := l.checkout(card, bc); fail("last checkout "+bc, ok, err) {
						return
					}
				}
			})
		}
		close(start)
		wg.Wait()
		if t.Failed() {
			return
		}
		want := map[string]string{} // barcode → card of its open loan
		for i := range machines {
			for _, bc := range mine[i][:2] {
				want[bc] = fmt.Sprintf("C%03d", i)
			}
		}
		for _, bc := range pool {
			if len(won[bc]) != 1 {
				t.Fatalf("shared item %s lent to machines %v", bc, won[bc])
			}
			want[bc] = fmt.Sprintf("C%03d", won[bc][0])
		}
		got := map[string]string{}
		must(t, d.Read(t.Context(), func(tx *db.Tx) error {
			rows, err := tx.Query(`SELECT i.barcode, r.card_number FROM loans l JOIN items i ON i.id = l.item_id
				JOIN readers r ON r.id = l.reader_id WHERE l.returned_at IS NULL`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var bc, card string
				if err := rows.Scan(&bc, &card); err != nil {
					return err
				}
				got[bc] = card
			}
			return rows.Err()
		}))
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("open loans %v, want %v", got, want)
		}
		if n, want := w.count(`SELECT COUNT(*) FROM loans`), machines*(rounds*own+2)+shared; n != want {
			t.Fatalf("%d loans, want %d", n, want)
		}
		if n, want := w.count(`SELECT COUNT(*) FROM circ_refusals WHERE op = 'checkout' AND door = 'sip2'`), (machines-1)*shared; n != want {
			t.Fatalf("%d refusals recorded, want %d", n, want)
		}
		if n := w.count(`SELECT COUNT(*) FROM items WHERE status = 'on_loan'`); n != len(want) {
			t.Fatalf("%d items on loan, want %d", n, len(want))
		}
	})
}
