package web

import (
	"net/http"
	"strconv"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
)

// The circulation settings 流通参数 (/staff/circ/settings): the library's
// time zone, which decides local days for due dates and fines; whether
// overdue fines count only the days the branch is open; and how many days a
// hold waits on the hold shelf.

// circSettingsData is the settings page.
type circSettingsData struct {
	CanEdit   bool
	Fieldsets []circFieldset
	Error     string
	Zones     []string
}

// commonZones are suggested for the time zone field.
var commonZones = []string{"Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "UTC"}

func settingsFormOf(st policy.Settings) circForm {
	f := newCircForm()
	f.Values["time_zone"] = st.TimeZone
	f.Values["fines_open_days_only"] = checkText(st.FinesOpenDaysOnly)
	f.Values["hold_pickup_days"] = strconv.Itoa(st.HoldPickupDays)
	return f
}

// circSettings shows the settings.
func (s *Server) circSettings(r *req) {
	if !r.circView() {
		return
	}
	st, err := s.policy.Settings(r.Context(), r.Actor())
	if err != nil {
		r.fail(err)
		return
	}
	s.renderCircSettings(r, http.StatusOK, settingsFormOf(st))
}

func (s *Server) renderCircSettings(r *req, status int, f circForm) {
	const prefix = "circ.settings."
	zone := f.field(r, prefix, "time_zone", "text")
	zone.List, zone.Required = "zones", true
	d := circSettingsData{CanEdit: r.Actor().Can(auth.PermCircRules), Error: f.summary(r), Zones: commonZones,
		Fieldsets: []circFieldset{{Legend: r.T("circ.settings.group"), Fields: []circField{zone,
			f.field(r, prefix, "fines_open_days_only", "check"), f.field(r, prefix, "hold_pickup_days", "int")}}}}
	r.render(status, "circ_settings", r.T("circ.settings.title"), d)
}

// circSettingsSave changes the settings.
func (s *Server) circSettingsSave(r *req) {
	if !r.parseForm() {
		return
	}
	f := newCircForm()
	f.readValues(r, []string{"time_zone", "hold_pickup_days"}, []string{"fines_open_days_only"})
	st := policy.Settings{TimeZone: f.Values["time_zone"], FinesOpenDaysOnly: f.Values["fines_open_days_only"] != "",
		HoldPickupDays: f.int(r, "hold_pickup_days", 0)}
	if f.failed() {
		s.renderCircSettings(r, http.StatusUnprocessableEntity, f)
		return
	}
	if _, err := s.policy.SetSettings(r.Context(), r.Actor(), st); err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		r.circErrorIn(&f, err, "circ.settings.", func(s string) string { return s })
		s.renderCircSettings(r, formStatus(err), f)
		return
	}
	r.redirect("/staff/circ/settings?done=flash.circ_settings_saved")
}
