package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ"
)

// TestCircListsWeb is the desk's lists at work with real data: a ready
// hold on the hold shelf, the pull list, an item in transit received, an
// item shelved, an overdue loan recalled, a loan declared lost with the
// fee charged, a proxy authorised then revoked, and statistics whose
// totals match the loans made.
func TestCircListsWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 9, 14, 10, 0, 0, 0, shanghai))
		addLawBranch(t, s)
		recs := deskLibrary(t, s)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		c := s.NewClient(t)
		c.Login("desk", "password-desk")

		// Three loans; R002 holds 平凡的世界 and 围城 (collected at LAW).
		for _, b := range []string{"D0001", "D0002", "D0003"} {
			if _, err := s.App.Circ.Checkout(ctx, cli, "R001", b, circ.CheckoutOptions{Branch: "main"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.App.Circ.PlaceHold(ctx, cli, circ.HoldRequest{Card: "R002", RecordID: recs[0], PickupBranch: "main"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.App.Circ.PlaceHold(ctx, cli, circ.HoldRequest{Card: "R002", RecordID: recs[1], PickupBranch: "LAW"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.App.Circ.Checkin(ctx, cli, "D0001", circ.CheckinOptions{Branch: "main"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.App.Circ.Checkin(ctx, cli, "D0002", circ.CheckinOptions{Branch: "main"}); err != nil {
			t.Fatal(err)
		}
		want(t, "circulation module", getOK(t, c, "/staff/modules/circulation"), `href="/staff/circ/hold-shelf"`, `href="/staff/circ/stats"`)
		want(t, "hold shelf", getOK(t, c, "/staff/circ/hold-shelf?branch=main"), `id="hold-shelf"`, "平凡的世界", "李四", "R002")
		getOK(t, c, "/staff/circ/holds-to-pull?branch=main")

		// 围城 travels to LAW and is received there.
		want(t, "transits", getOK(t, c, "/staff/circ/transits?branch=LAW"), `id="transits"`, "D0002", `data-direction="in"`)
		st, _, h := c.PostForm("/staff/circ/transits", url.Values{"branch": {"LAW"}, "barcode": {"D0002"}})
		if st != http.StatusSeeOther {
			t.Fatalf("receive: %d", st)
		}
		want(t, "received", getOK(t, c, h.Get("Location")), `id="list-done"`, "D0002")

		// 活着 returned: shelved from the queue.
		if _, err := s.App.Circ.Checkin(ctx, cli, "D0003", circ.CheckinOptions{Branch: "main"}); err != nil {
			t.Fatal(err)
		}
		body := getOK(t, c, "/staff/circ/shelving?location=stacks")
		want(t, "shelving", body, `id="shelving"`, "D0003")
		q, err := s.App.Circ.ShelvingQueue(ctx, cli, "stacks")
		if err != nil || len(q) == 0 {
			t.Fatalf("queue: %v %v", q, err)
		}
		form := url.Values{"location": {"stacks"}}
		for _, e := range q {
			form.Add("item", itoa(e.ItemID))
		}
		if st, _, h := c.PostForm("/staff/circ/shelving", form); st != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "shelved=") {
			t.Fatalf("shelve: %d %s", st, h.Get("Location"))
		}
		if q, _ := s.App.Circ.ShelvingQueue(ctx, cli, "stacks"); len(q) != 0 {
			t.Fatalf("still queued: %v", q)
		}
		getOK(t, c, "/staff/circ/repairs?branch=main")

		// 活着 lent again and overdue: recalled, then declared lost.
		if _, err := s.App.Circ.Checkout(ctx, cli, "R001", "D0003", circ.CheckoutOptions{Branch: "main"}); err != nil {
			t.Fatal(err)
		}
		s.Clock.Advance(60 * 24 * time.Hour)
		c.Login("desk", "password-desk") // the session ended meanwhile
		want(t, "overdue", getOK(t, c, "/staff/circ/overdue?branch=main"), `id="overdue"`, "D0003", `href="/staff/circ/recall?barcode=D0003"`, `href="/staff/circ/lost?barcode=D0003"`)
		want(t, "recall form", getOK(t, c, "/staff/circ/recall?barcode=D0003"), `id="recall-form"`, "活着")
		st, body, _ = c.PostForm("/staff/circ/recall", url.Values{"barcode": {"D0003"}, "note": {"有人预约"}})
		if st != http.StatusOK || !strings.Contains(body, `id="list-done"`) {
			t.Fatalf("recall: %d %.1500s", st, mainOf(body))
		}
		want(t, "lost form", getOK(t, c, "/staff/circ/lost?barcode=D0003"), `id="lost-fee"`, "加工费")
		st, body, _ = c.PostForm("/staff/circ/lost", url.Values{"barcode": {"D0003"}})
		if st != http.StatusOK || !strings.Contains(body, `id="lost-charges"`) {
			t.Fatalf("lost: %d %.1500s", st, mainOf(body))
		}
		want(t, "lost charges", body, "丢失赔款", "30.00")
		bal, err := s.App.Fees.Balance(ctx, cli, mustReader(t, s, "R001"))
		if err != nil || bal.OwedFen < 3000 {
			t.Fatalf("charged: %+v %v", bal, err)
		}

		// A proxy authorised, then revoked.
		rpath := "/staff/circ/readers/" + itoa(mustReader(t, s, "R001"))
		if st, _, h := c.PostForm(rpath+"/proxies", url.Values{"proxy_card": {"R002"}, "from": {"2027-11-13"}, "until": {"2027-12-31"}}); st != http.StatusSeeOther {
			t.Fatalf("authorise: %d %s", st, h.Get("Location"))
		}
		ps, err := s.App.Circ.Proxies(ctx, cli, mustReader(t, s, "R001"))
		if err != nil || len(ps) != 1 {
			t.Fatalf("proxies: %v %v", ps, err)
		}
		want(t, "reader proxies", getOK(t, c, rpath), `id="reader-proxies"`, "李四", "2027-12-31", `id="proxy-revoke-`+itoa(ps[0].ID)+`"`)
		if st, _, _ := c.PostForm("/staff/circ/proxies/"+itoa(ps[0].ID)+"/revoke", url.Values{"reader": {itoa(mustReader(t, s, "R001"))}}); st != http.StatusSeeOther {
			t.Fatalf("revoke: %d", st)
		}
		want(t, "revoked", getOK(t, c, rpath), `data-revoked="1"`)

		// Statistics: four loans, three returns on 2027-09-14, one lost.
		body = getOK(t, c, "/staff/circ/stats?from=2027-09-01&to=2027-12-31")
		want(t, "stats", body, `data-total="loans">4<`, `data-total="returns">3<`, `data-total="lost">1<`)
		noKeys(t, "stats", body)
	})
}
