package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/readers"
)

// The readers 读者 (/staff/circ/readers): find a reader by card number
// (current or past), name, pinyin (zhangsan, zs), phone or identity
// number, narrowed by category and status, a page at a time, sorted by the
// pinyin of the names.

// readersPerPage is the length of a page of readers.
const readersPerPage = 30

// circReadersData is the readers' page.
type circReadersData struct {
	Q, Category, Status string
	Categories          categoryBook
	CategoryOptions     []circOption
	StatusOptions       []circOption
	Page                readers.Page
	// From and To number the readers shown (1-based); PageNo and Pages
	// the page; Prev and Next are the links to the neighbouring pages.
	From, To, PageNo, Pages int
	Prev, Next              string
	CanRegister             bool
}

// circReaders searches readers.
func (s *Server) circReaders(r *req) {
	if !r.readerView() {
		return
	}
	q := r.URL.Query()
	d := circReadersData{Q: strings.TrimSpace(q.Get("q")), Category: strings.TrimSpace(q.Get("category")), Status: q.Get("status"),
		CanRegister: r.Actor().Can(auth.PermCircReaders)}
	page, _ := strconv.Atoi(q.Get("page"))
	d.PageNo = max(page, 1)
	var err error
	if d.Categories, err = s.loadCategories(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	d.CategoryOptions = d.Categories.choices(d.Category, r.T("circ.readers.any_category"))
	statuses := []string{"", string(readers.StatusActive), string(readers.StatusBlocked), string(readers.StatusCleared)}
	if !slices.Contains(statuses, d.Status) {
		d.Status = ""
	}
	d.StatusOptions = choices(d.Status, statuses, func(v string) string {
		if v == "" {
			return r.T("circ.readers.any_status")
		}
		return r.catName("reader_status.", v)
	})
	d.Page, err = s.readers.Find(r.Context(), r.Actor(), readers.Query{Text: d.Q, Category: d.Category, Status: readers.Status(d.Status),
		Limit: readersPerPage, Offset: (d.PageNo - 1) * readersPerPage})
	if err != nil {
		r.fail(err)
		return
	}
	d.Pages = max((d.Page.Total+readersPerPage-1)/readersPerPage, 1)
	if n := len(d.Page.Readers); n > 0 {
		d.From, d.To = d.Page.Offset+1, d.Page.Offset+n
	}
	link := func(p int) string {
		v := url.Values{}
		for k, x := range map[string]string{"q": d.Q, "category": d.Category, "status": d.Status} {
			if x != "" {
				v.Set(k, x)
			}
		}
		if p > 1 {
			v.Set("page", strconv.Itoa(p))
		}
		if len(v) == 0 {
			return "/staff/circ/readers"
		}
		return "/staff/circ/readers?" + v.Encode()
	}
	if d.PageNo > 1 {
		d.Prev = link(min(d.PageNo-1, d.Pages))
	}
	if d.PageNo < d.Pages {
		d.Next = link(d.PageNo + 1)
	}
	r.render(200, "circ_readers", r.T("circ.readers.title"), d)
}
