package web

import (
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/rules"
)

// The library calendar 开馆日历 (/staff/circ/calendars): for each branch,
// and for "*" (every branch without its own), the regular week — closed
// weekdays and opening hours — and the dated exceptions: holidays and
// closures, and 调休 make-up working days. Due dates move to the next open
// day; fines may count open days only (circulation settings).

// calendarListData is the page of every branch's calendar.
type calendarListData struct {
	Entries []calendarEntry
}

// calendarEntry is one branch (or "*") on the list.
type calendarEntry struct {
	Branch, Name string
	// Cal is the branch's own calendar, nil when it has none.
	Cal *rules.Calendar
}

// calendarData is the editor of one branch's calendar.
type calendarData struct {
	Branch, BranchName string
	// Own: the branch has a calendar of its own. Fallback: it has none
	// and the calendar of "*" applies.
	Own, Fallback bool
	CanEdit       bool
	Week          []calendarDay
	Exceptions    []calendarException
	// Error is about the whole calendar, WeekError about the week.
	Error, WeekError string
}

// calendarDay is one weekday of the regular week, as typed.
type calendarDay struct {
	Day                int
	Name               string
	Closed             bool
	Open, Close, Error string
}

// calendarException is one row of the exceptions, as typed; N counts
// from 1.
type calendarException struct {
	N                                        int
	From, To, Kind, Open, Close, Note, Error string
}

// blankExceptionRows are the empty rows the editor offers for new
// holidays and make-up days.
const blankExceptionRows = 3

// maxExceptionRows bounds the rows read from a posted form.
const maxExceptionRows = 500

// weekOrder is the week as Chinese calendars show it: Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// circCalendars lists the calendar of every branch.
func (s *Server) circCalendars(r *req) {
	if !r.circView() {
		return
	}
	ctx, a := r.Context(), r.Actor()
	cals, err := s.policy.Calendars(ctx, a)
	if err != nil {
		r.fail(err)
		return
	}
	codes, err := s.loadCodes(ctx, r.Locale)
	if err != nil {
		r.fail(err)
		return
	}
	own := map[string]*rules.Calendar{}
	for i := range cals {
		own[cals[i].Branch] = &cals[i]
	}
	d := calendarListData{Entries: []calendarEntry{{Branch: rules.Any, Name: r.T("circ.calendar.all_branches"), Cal: own[rules.Any]}}}
	for _, b := range codes.Branches {
		d.Entries = append(d.Entries, calendarEntry{Branch: b.Code, Name: b.Name(r.Locale), Cal: own[b.Code]})
	}
	r.render(http.StatusOK, "circ_calendars", r.T("circ.calendars.title"), d)
}

// ClosedDays writes the closed weekdays of a calendar.
func (c circText) ClosedDays(cal *rules.Calendar) string {
	var names []string
	for _, w := range weekOrder {
		for _, x := range cal.ClosedWeekdays {
			if x == w {
				names = append(names, c.Weekday(w))
			}
		}
	}
	if len(names) == 0 {
		return c.v.T("circ.calendar.no_closed_days")
	}
	return c.v.T("circ.weekday_list", "Days", names)
}

// circCalendar shows the editor of a branch's calendar.
func (s *Server) circCalendar(r *req) {
	if !r.circView() {
		return
	}
	d, ok := s.calendarPage(r, r.PathValue("branch"))
	if !ok {
		return
	}
	cal, err := s.policy.Calendar(r.Context(), r.Actor(), d.Branch)
	switch {
	case err == nil:
		d.Own = true
		d.Week, d.Exceptions = calendarForm(r, cal)
	case apperr.Is(err, apperr.NotFound):
		d.Week, d.Exceptions = calendarForm(r, rules.Calendar{Branch: d.Branch})
	default:
		r.fail(err)
		return
	}
	s.renderCalendar(r, http.StatusOK, d)
}

// calendarPage starts the editor's data for branch: "*" or a branch of the
// library, else the not-found page.
func (s *Server) calendarPage(r *req, branch string) (calendarData, bool) {
	d := calendarData{Branch: strings.TrimSpace(branch), CanEdit: r.Actor().Can(auth.PermCircRules)}
	if d.Branch == rules.Any {
		d.BranchName = r.T("circ.calendar.all_branches")
		return d, true
	}
	codes, err := s.loadCodes(r.Context(), r.Locale)
	if err != nil {
		r.fail(err)
		return d, false
	}
	for _, b := range codes.Branches {
		if b.Code == d.Branch {
			d.BranchName = b.Name(r.Locale)
			return d, true
		}
	}
	r.fail(apperr.New(apperr.NotFound, "error.page_not_found"))
	return d, false
}

// renderCalendar adds the blank rows and whether "*" applies, and shows
// the editor.
func (s *Server) renderCalendar(r *req, status int, d calendarData) {
	if d.Branch != rules.Any && !d.Own {
		_, err := s.policy.Calendar(r.Context(), r.Actor(), rules.Any)
		switch {
		case err == nil:
			d.Fallback = true
		case !apperr.Is(err, apperr.NotFound):
			r.fail(err)
			return
		}
	}
	if d.CanEdit {
		for i := 0; i < blankExceptionRows; i++ {
			d.Exceptions = append(d.Exceptions, calendarException{Kind: "closed"})
		}
	}
	for i := range d.Exceptions {
		d.Exceptions[i].N = i + 1
	}
	r.render(status, "circ_calendar", r.T("circ.calendar.title", "Branch", d.BranchName), d)
}

// calendarForm writes a calendar as the editor's rows.
func calendarForm(r *req, cal rules.Calendar) ([]calendarDay, []calendarException) {
	var week []calendarDay
	for _, w := range weekOrder {
		day := calendarDay{Day: int(w), Name: weekdayName(r, w)}
		for _, x := range cal.ClosedWeekdays {
			day.Closed = day.Closed || x == w
		}
		if h, ok := cal.Hours[w]; ok {
			day.Open, day.Close = h.Open.String(), h.Close.String()
		}
		week = append(week, day)
	}
	var exs []calendarException
	for _, e := range cal.Exceptions {
		x := calendarException{From: e.From.String(), To: e.To.String(), Kind: "closed", Note: e.Note}
		if e.Open {
			x.Kind = "open"
		}
		if e.Hours != nil {
			x.Open, x.Close = e.Hours.Open.String(), e.Hours.Close.String()
		}
		exs = append(exs, x)
	}
	return week, exs
}

// weekdayName is the name of a day of the week.
func weekdayName(r *req, w time.Weekday) string { return r.T("circ.weekday." + strconv.Itoa(int(w))) }

var clockRe = regexp.MustCompile(`^([0-9]{1,2})[:：]([0-9]{2})$`)

// parseClock reads a time of day typed as 8:30 or 08:30 (24:00 is the end
// of the day).
func parseClock(s string) (rules.TimeOfDay, bool) {
	m := clockRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1])
	min, _ := strconv.Atoi(m[2])
	if min > 59 || h > 24 || h == 24 && min != 0 {
		return 0, false
	}
	return rules.Clock(h, min), true
}

// parseHours reads the opening and closing times of a row: both blank is
// no hours; otherwise both must be times, opening before closing. It
// returns the error message, if any.
func parseHours(r *req, open, close string) (*rules.OpeningHours, string) {
	if open == "" && close == "" {
		return nil, ""
	}
	if open == "" || close == "" {
		return nil, r.T("error.circ_hours_incomplete")
	}
	o, ok := parseClock(open)
	if !ok {
		return nil, r.T("error.circ_time_invalid", "Value", open)
	}
	c, ok := parseClock(close)
	if !ok {
		return nil, r.T("error.circ_time_invalid", "Value", close)
	}
	if o >= c {
		return nil, r.T("error.circ_hours_order", "Open", open, "Close", close)
	}
	return &rules.OpeningHours{Open: o, Close: c}, ""
}

// parseCalendarForm reads the posted editor into a calendar and the rows
// as typed (with their errors); rows[i] is the form row of exception i.
func parseCalendarForm(r *req, d *calendarData) (rules.Calendar, []int, bool) {
	cal := rules.Calendar{Branch: d.Branch}
	ok := true
	for _, w := range weekOrder {
		k := strconv.Itoa(int(w))
		day := calendarDay{Day: int(w), Name: weekdayName(r, w), Closed: r.FormValue("closed_"+k) != "",
			Open: strings.TrimSpace(r.FormValue("open_" + k)), Close: strings.TrimSpace(r.FormValue("close_" + k))}
		if day.Closed {
			cal.ClosedWeekdays = append(cal.ClosedWeekdays, w)
		}
		h, msg := parseHours(r, day.Open, day.Close)
		switch {
		case msg != "":
			day.Error, ok = msg, false
		case h != nil:
			if cal.Hours == nil {
				cal.Hours = map[time.Weekday]rules.OpeningHours{}
			}
			cal.Hours[w] = *h
		}
		d.Week = append(d.Week, day)
	}
	n, _ := strconv.Atoi(r.FormValue("ex_rows"))
	n = min(max(n, 0), maxExceptionRows)
	var rows []int
	for i := 0; i < n; i++ {
		k := strconv.Itoa(i)
		x := calendarException{From: strings.TrimSpace(r.FormValue("ex_from_" + k)), To: strings.TrimSpace(r.FormValue("ex_to_" + k)),
			Kind: r.FormValue("ex_kind_" + k), Open: strings.TrimSpace(r.FormValue("ex_open_" + k)),
			Close: strings.TrimSpace(r.FormValue("ex_close_" + k)), Note: strings.TrimSpace(r.FormValue("ex_note_" + k))}
		if x.Kind != "open" {
			x.Kind = "closed"
		}
		if x.From == "" && x.To == "" && x.Open == "" && x.Close == "" && x.Note == "" {
			continue // a blank row
		}
		e := rules.Exception{Open: x.Kind == "open", Note: x.Note}
		var err error
		switch {
		case x.From == "":
			x.Error = r.T("error.circ_date_required")
		default:
			if e.From, err = rules.ParseDate(x.From); err != nil {
				x.Error = r.T("error.circ_date_invalid", "Value", x.From)
			} else if x.To != "" {
				if e.To, err = rules.ParseDate(x.To); err != nil {
					x.Error = r.T("error.circ_date_invalid", "Value", x.To)
				}
			}
		}
		if x.Error == "" {
			e.Hours, x.Error = parseHours(r, x.Open, x.Close)
		}
		if x.Error != "" {
			ok = false
		}
		d.Exceptions = append(d.Exceptions, x)
		cal.Exceptions = append(cal.Exceptions, e)
		rows = append(rows, len(d.Exceptions)-1)
	}
	return cal, rows, ok
}

var exceptionRe = regexp.MustCompile(`exceptions\[(\d+)\]`)

// calendarError places a refusal of the calendar on the editor: next to
// the exception row or the week it names, else above the form. Mentions of
// exceptions[i] in the message become the row's number.
func calendarError(r *req, d *calendarData, rows []int, err error) {
	e, ok := apperr.As(err)
	if !ok {
		d.Error = r.s.tr.Error(r.Locale, err)
		return
	}
	rowOf := func(i string) int {
		n, _ := strconv.Atoi(i)
		if n >= 0 && n < len(rows) {
			return rows[n]
		}
		return -1
	}
	c := *e
	c.Args = maps.Clone(e.Args)
	for _, arg := range []string{"Field", "Value"} {
		s, ok := c.Args[arg].(string)
		if !ok {
			continue
		}
		c.Args[arg] = exceptionRe.ReplaceAllStringFunc(s, func(m string) string {
			if row := rowOf(exceptionRe.FindStringSubmatch(m)[1]); row >= 0 {
				return r.T("circ.calendar.row_n", "N", row+1)
			}
			return m
		})
		if arg == "Field" && (s == "hours" || s == "closed_weekdays") {
			c.Args[arg] = r.T("circ.calendar.week")
		}
	}
	msg := r.s.tr.Error(r.Locale, &c)
	switch m := exceptionRe.FindStringSubmatch(e.Field); {
	case m != nil && rowOf(m[1]) >= 0:
		d.Exceptions[rowOf(m[1])].Error = msg
	case e.Field == "hours" || e.Field == "closed_weekdays":
		d.WeekError = msg
	default:
		d.Error = msg
	}
}

// circCalendarSave stores the calendar of a branch.
func (s *Server) circCalendarSave(r *req) {
	if !r.parseForm() {
		return
	}
	d, ok := s.calendarPage(r, r.PathValue("branch"))
	if !ok {
		return
	}
	d.Own = r.FormValue("own") != ""
	cal, rows, ok := parseCalendarForm(r, &d)
	if !ok {
		d.Error = r.T("error.circ_calendar_form")
		s.renderCalendar(r, http.StatusUnprocessableEntity, d)
		return
	}
	if _, err := s.policy.SetCalendar(r.Context(), r.Actor(), cal); err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		calendarError(r, &d, rows, err)
		s.renderCalendar(r, formStatus(err), d)
		return
	}
	r.redirect("/staff/circ/calendars/" + url.PathEscape(d.Branch) + "?done=flash.circ_calendar_saved")
}

// circCalendarDelete removes a branch's own calendar: it then follows the
// calendar of "*", or is open every day.
func (s *Server) circCalendarDelete(r *req) {
	branch := strings.TrimSpace(r.PathValue("branch"))
	if err := s.policy.DeleteCalendar(r.Context(), r.Actor(), branch); err != nil {
		r.fail(err)
		return
	}
	r.redirect("/staff/circ/calendars?done=flash.circ_calendar_deleted")
}
