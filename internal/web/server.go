// Package web is the staff web client (/staff/) and the public pages (/):
// server-rendered html/template pages that work without JavaScript, in
// zh-CN and English.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/opac"
	"lantai.dev/lantai/internal/readers"
	"lantai.dev/lantai/internal/search"
	"lantai.dev/lantai/internal/sip2server"
)

// Config is what the web client needs to know about its deployment.
type Config struct {
	// TrustProxy takes the client address from X-Forwarded-For.
	TrustProxy bool
	// SecureCookies marks cookies Secure even when Lantai itself serves
	// plain HTTP (behind a TLS-terminating proxy). Over TLS they always are.
	SecureCookies bool
	// Zone is the library's time zone, in which times are shown (they are
	// stored in UTC). Asia/Shanghai when nil.
	Zone *time.Location
	// LibraryZone is the zone of the circulation settings, which decides
	// what "today" is for the cash report and card expiry. Zone when nil.
	LibraryZone *time.Location
	// Clock tells the time of the reader and fee screens (the system
	// clock when nil).
	Clock clock.Clock
	// SIP2Addr is where self-service machines connect (lantai serve
	// --sip2-addr), "" when the SIP2 server is off; SIP2TLS says that
	// listener speaks TLS. The machine screens tell staff what to set.
	SIP2Addr string
	SIP2TLS  bool
}

// Server serves the web pages.
type Server struct {
	auth    *auth.Service
	catalog *catalog.Service
	policy  *policy.Service
	readers *readers.Service
	fees    *fees.Service
	circ    *circ.Service
	search  *search.Engine
	opac    *opac.Service
	sip2    *sip2server.Machines
	tr      *i18n.Catalog
	log     *slog.Logger
	cfg     Config
	pages   *pages
	assets  *assets
}

// Services are the capabilities the web client calls.
type Services struct {
	Auth    *auth.Service
	Catalog *catalog.Service
	Policy  *policy.Service
	Readers *readers.Service
	Fees    *fees.Service
	Circ    *circ.Service
	Search  *search.Engine
	Opac    *opac.Service
	// Machines are the SIP2 self-service machine accounts.
	Machines *sip2server.Machines
}

// New builds the web front door.
func New(svc Services, tr *i18n.Catalog, log *slog.Logger, cfg Config) (*Server, error) {
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	if cfg.Zone == nil {
		cfg.Zone = time.FixedZone("CST", 8*3600)
	}
	if cfg.LibraryZone == nil {
		cfg.LibraryZone = cfg.Zone
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	p, err := loadPages(as, cfg.Zone)
	if err != nil {
		return nil, err
	}
	return &Server{auth: svc.Auth, catalog: svc.Catalog, policy: svc.Policy, readers: svc.Readers, fees: svc.Fees, circ: svc.Circ, search: svc.Search, opac: svc.Opac, sip2: svc.Machines, tr: tr, log: log, cfg: cfg, pages: p, assets: as}, nil
}

// StaffRoute is a page of the staff client and the permission it needs
// ("" = any signed-in staff member).
type StaffRoute struct {
	Pattern string
	Perm    auth.Permission
	handler func(*Server, *req)
}

// staffRoutes lists every staff page. The route × role test walks it.
var staffRoutes = []StaffRoute{
	{"GET /staff/{$}", "", (*Server).home},
	{"GET /staff/password", "", (*Server).passwordForm},
	{"POST /staff/password", "", (*Server).passwordChange},
	{"POST /staff/logout", "", (*Server).logout},
	{"POST /staff/logout-everywhere", "", (*Server).logoutEverywhere},
	{"POST /staff/language", "", (*Server).staffLanguage},
	{"GET /staff/tokens", "", (*Server).tokens},
	{"POST /staff/tokens", "", (*Server).tokenCreate},
	{"POST /staff/tokens/{id}/revoke", "", (*Server).tokenRevoke},
	{"GET /staff/audit", auth.PermAuditView, (*Server).audit},
	{"GET /staff/accounts", auth.PermStaffManage, (*Server).accounts},
	{"POST /staff/accounts", auth.PermStaffManage, (*Server).accountCreate},
	{"GET /staff/accounts/{id}", auth.PermStaffManage, (*Server).account},
	{"POST /staff/accounts/{id}", auth.PermStaffManage, (*Server).accountUpdate},
	{"POST /staff/accounts/{id}/password", auth.PermStaffManage, (*Server).accountPassword},
	{"GET /staff/roles", auth.PermRolesManage, (*Server).roles},
	{"POST /staff/roles", auth.PermRolesManage, (*Server).roleCreate},
	{"GET /staff/roles/{code}", auth.PermRolesManage, (*Server).role},
	{"POST /staff/roles/{code}", auth.PermRolesManage, (*Server).roleUpdate},
	{"GET /staff/modules/{module}", "", (*Server).module},
	{"GET /staff/catalog", auth.PermCatalogView, (*Server).catalogHome},
	{"GET /staff/catalog/records/new", auth.PermCatalogEdit, (*Server).recordNew},
	{"POST /staff/catalog/records/new", auth.PermCatalogEdit, (*Server).recordCreate},
	{"GET /staff/catalog/records/{id}", auth.PermCatalogView, (*Server).record},
	{"GET /staff/catalog/records/{id}/edit", auth.PermCatalogEdit, (*Server).recordEdit},
	{"POST /staff/catalog/records/{id}/edit", auth.PermCatalogEdit, (*Server).recordUpdate},
	{"POST /staff/catalog/records/{id}/merge", auth.PermCatalogEdit, (*Server).recordMerge},
	{"GET /staff/catalog/records/{id}/delete", auth.PermCatalogEdit, (*Server).recordDeleteForm},
	{"POST /staff/catalog/records/{id}/delete", auth.PermCatalogEdit, (*Server).recordDelete},
	{"GET /staff/catalog/records/{id}/items/new", auth.PermCatalogItems, (*Server).itemsNew},
	{"POST /staff/catalog/records/{id}/items/new", auth.PermCatalogItems, (*Server).itemsCreate},
	{"GET /staff/catalog/items/{id}", auth.PermCatalogView, (*Server).item},
	{"POST /staff/catalog/items/{id}", auth.PermCatalogItems, (*Server).itemUpdate},
	{"POST /staff/catalog/items/{id}/status", auth.PermCatalogItems, (*Server).itemStatus},
	{"GET /staff/catalog/withdrawals", auth.PermCatalogView, (*Server).withdrawals},
	{"POST /staff/catalog/withdrawals", auth.PermCatalogWithdraw, (*Server).withdrawalCreate},
	{"GET /staff/catalog/withdrawals/print", auth.PermCatalogView, (*Server).withdrawalsPrint},
	{"GET /staff/catalog/batches", auth.PermCatalogView, (*Server).batches},
	{"POST /staff/catalog/batches", auth.PermCatalogDistribute, (*Server).batchSend},
	{"GET /staff/catalog/classes", auth.PermCatalogView, (*Server).classes},
	{"POST /staff/catalog/book-number-rule", auth.PermCatalogAuthority, (*Server).bookNumberRule},
	{"GET /staff/catalog/new-books", auth.PermCatalogView, (*Server).newBooks},
	{"GET /staff/catalog/codes", "", (*Server).codes}, // catalog.view or system.settings, checked by the page
	{"POST /staff/catalog/codes", auth.PermSystemSettings, (*Server).codeSave},
	{"GET /staff/catalog/labels", auth.PermCatalogLabels, (*Server).labelsForm},
	{"POST /staff/catalog/labels", auth.PermCatalogLabels, (*Server).labelsPrint},
	{"GET /staff/catalog/import", auth.PermCatalogImport, (*Server).importPage},
	{"POST /staff/catalog/import", auth.PermCatalogImport, (*Server).importUpload},
	{"GET /staff/catalog/import/{id}", auth.PermCatalogImport, (*Server).importJob},
	{"GET /staff/catalog/export", auth.PermCatalogExport, (*Server).exportDownload},
	{"GET /staff/stacks/batches", "", (*Server).stacksBatches}, // stacks.receive or stacks.inventory, checked by the page
	{"GET /staff/stacks/batches/{id}", auth.PermStacksReceive, (*Server).stacksBatch},
	{"POST /staff/stacks/batches/{id}", auth.PermStacksReceive, (*Server).stacksReceive},
	{"GET /staff/circ/rules", "", (*Server).circRules}, // circ.rules or a desk permission (circViewPerms), checked by the page
	{"POST /staff/circ/rules", auth.PermCircRules, (*Server).circRuleCreate},
	{"GET /staff/circ/rules/{id}", "", (*Server).circRule}, // circViewPerms
	{"POST /staff/circ/rules/{id}", auth.PermCircRules, (*Server).circRuleUpdate},
	{"POST /staff/circ/rules/{id}/delete", auth.PermCircRules, (*Server).circRuleDelete},
	{"GET /staff/circ/limits", "", (*Server).circLimits}, // circViewPerms
	{"POST /staff/circ/limits", auth.PermCircRules, (*Server).circLimitCreate},
	{"GET /staff/circ/limits/{id}", "", (*Server).circLimit}, // circViewPerms
	{"POST /staff/circ/limits/{id}", auth.PermCircRules, (*Server).circLimitUpdate},
	{"POST /staff/circ/limits/{id}/delete", auth.PermCircRules, (*Server).circLimitDelete},
	{"GET /staff/circ/calendars", "", (*Server).circCalendars},         // circViewPerms
	{"GET /staff/circ/calendars/{branch}", "", (*Server).circCalendar}, // circViewPerms
	{"POST /staff/circ/calendars/{branch}", auth.PermCircRules, (*Server).circCalendarSave},
	{"POST /staff/circ/calendars/{branch}/delete", auth.PermCircRules, (*Server).circCalendarDelete},
	{"GET /staff/circ/settings", "", (*Server).circSettings}, // circViewPerms
	{"POST /staff/circ/settings", auth.PermCircRules, (*Server).circSettingsSave},
	{"GET /staff/circ/explain", "", (*Server).circExplain},       // circViewPerms
	{"GET /staff/circ/categories", "", (*Server).circCategories}, // circViewPerms
	{"POST /staff/circ/categories", auth.PermCircRules, (*Server).circCategoryCreate},
	{"GET /staff/circ/categories/{code}", "", (*Server).circCategory}, // circViewPerms
	{"POST /staff/circ/categories/{code}", auth.PermCircRules, (*Server).circCategoryUpdate},
	{"POST /staff/circ/categories/{code}/delete", auth.PermCircRules, (*Server).circCategoryDelete},
	{"GET /staff/circ/readers", "", (*Server).circReaders}, // readerViewPerms, checked by the page
	{"GET /staff/circ/readers/new", auth.PermCircReaders, (*Server).circReaderNew},
	{"POST /staff/circ/readers/new", auth.PermCircReaders, (*Server).circReaderCreate},
	{"GET /staff/circ/readers/import", auth.PermCircReaders, (*Server).circReaderImport},
	{"POST /staff/circ/readers/import", auth.PermCircReaders, (*Server).circReaderImportUpload},
	{"GET /staff/circ/readers/{id}", "", (*Server).circReader}, // readerViewPerms
	{"GET /staff/circ/readers/{id}/edit", auth.PermCircReaders, (*Server).circReaderEdit},
	{"POST /staff/circ/readers/{id}/edit", auth.PermCircReaders, (*Server).circReaderUpdate},
	{"POST /staff/circ/readers/{id}/lost", auth.PermCircReaders, (*Server).circReaderLost},
	{"POST /staff/circ/readers/{id}/unblock", auth.PermCircReaders, (*Server).circReaderUnblock},
	{"POST /staff/circ/readers/{id}/replace", auth.PermCircReaders, (*Server).circReaderReplace},
	{"POST /staff/circ/readers/{id}/extend", auth.PermCircReaders, (*Server).circReaderExtend},
	{"POST /staff/circ/readers/{id}/expire", auth.PermCircReaders, (*Server).circReaderExpire},
	{"POST /staff/circ/readers/{id}/block", auth.PermCircReaders, (*Server).circReaderBlock},
	{"POST /staff/circ/readers/{id}/lift-block", auth.PermCircReaders, (*Server).circReaderLiftBlock},
	{"GET /staff/circ/readers/{id}/photo", "", (*Server).circReaderPhoto}, // readerViewPerms
	{"POST /staff/circ/readers/{id}/photo", auth.PermCircReaders, (*Server).circReaderPhotoUpload},
	{"POST /staff/circ/readers/{id}/photo/delete", auth.PermCircReaders, (*Server).circReaderPhotoRemove},
	{"POST /staff/circ/readers/{id}/password", auth.PermCircReaders, (*Server).circReaderPassword},
	{"GET /staff/circ/readers/{id}/clearance", auth.PermCircReaders, (*Server).circClearance},
	{"POST /staff/circ/readers/{id}/clearance", auth.PermCircReaders, (*Server).circClear},
	{"GET /staff/circ/readers/{id}/certificate", auth.PermCircReaders, (*Server).circCertificate},
	{"GET /staff/circ/readers/{id}/fees", "", (*Server).circFees}, // readerViewPerms
	{"POST /staff/circ/readers/{id}/fees/charge", auth.PermCircFees, (*Server).circFeeCharge},
	{"POST /staff/circ/readers/{id}/fees/pay", auth.PermCircFees, (*Server).circFeePay},
	{"POST /staff/circ/readers/{id}/fees/waive", auth.PermCircWaive, (*Server).circFeeWaive},
	{"POST /staff/circ/readers/{id}/fees/refund", auth.PermCircWaive, (*Server).circFeeRefund},
	{"POST /staff/circ/readers/{id}/fees/replacement", auth.PermCircFees, (*Server).circFeeReplacement},
	{"POST /staff/circ/readers/{id}/fees/deposit", auth.PermCircFees, (*Server).circFeeDeposit},
	{"POST /staff/circ/readers/{id}/fees/deposit-refund", auth.PermCircFees, (*Server).circFeeDepositRefund},
	{"GET /staff/circ/receipts/{number}", auth.PermCircFees, (*Server).circReceipt},
	{"GET /staff/circ/cash-report", "", (*Server).circCashReport}, // circ.fees or reports.view, checked by the page
	{"GET /staff/circ/desk", auth.PermCircCheckout, (*Server).circDesk},
	{"POST /staff/circ/desk", auth.PermCircCheckout, (*Server).circDeskScan},
	{"POST /staff/circ/desk/renew", auth.PermCircRenew, (*Server).circDeskRenew},
	{"POST /staff/circ/desk/renew-all", auth.PermCircRenew, (*Server).circDeskRenewAll},
	{"POST /staff/circ/desk/hold", auth.PermCircHolds, (*Server).circDeskHold},
	{"POST /staff/circ/holds/{id}/cancel", auth.PermCircHolds, (*Server).circHoldCancel},
	{"GET /staff/circ/returns", auth.PermCircCheckin, (*Server).circReturns},
	{"POST /staff/circ/returns", auth.PermCircCheckin, (*Server).circReturn},
	{"GET /staff/circ/loans/{id}/receipt", "", (*Server).circReturnReceipt}, // deskPerms, checked by the page
	{"GET /staff/circ/hold-shelf", "", (*Server).circHoldShelf},             // deskPerms, checked by the page
	{"GET /staff/circ/holds-to-pull", "", (*Server).circHoldsToPull},        // deskPerms
	{"GET /staff/circ/transits", "", (*Server).circTransits},                // deskPerms
	{"POST /staff/circ/transits", auth.PermCircCheckin, (*Server).circTransitReceive},
	{"GET /staff/circ/shelving", "", (*Server).circShelving}, // deskPerms
	{"POST /staff/circ/shelving", auth.PermCircCheckin, (*Server).circShelve},
	{"GET /staff/circ/repairs", "", (*Server).circRepairs}, // deskPerms
	{"GET /staff/circ/overdue", "", (*Server).circOverdue}, // deskPerms
	{"GET /staff/circ/recall", auth.PermCircHolds, (*Server).circRecallForm},
	{"POST /staff/circ/recall", auth.PermCircHolds, (*Server).circRecall},
	{"GET /staff/circ/lost", auth.PermCircFees, (*Server).circLostForm},
	{"POST /staff/circ/lost", auth.PermCircFees, (*Server).circLost},
	{"GET /staff/circ/stats", "", (*Server).circStats}, // statsPerms, checked by the page
	{"POST /staff/circ/readers/{id}/proxies", auth.PermCircReaders, (*Server).circReaderProxy},
	{"POST /staff/circ/proxies/{id}/revoke", auth.PermCircReaders, (*Server).circProxyRevoke},
	{"GET /staff/sip2/machines", auth.PermSIP2Manage, (*Server).sip2Machines},
	{"POST /staff/sip2/machines", auth.PermSIP2Manage, (*Server).sip2MachineCreate},
	{"GET /staff/sip2/machines/{id}", auth.PermSIP2Manage, (*Server).sip2Machine},
	{"POST /staff/sip2/machines/{id}", auth.PermSIP2Manage, (*Server).sip2MachineUpdate},
	{"GET /staff/opac/lists", auth.PermOPACManage, (*Server).opacLists},
	{"POST /staff/opac/lists", auth.PermOPACManage, (*Server).opacListCreate},
	{"GET /staff/opac/lists/{id}", auth.PermOPACManage, (*Server).opacList},
	{"POST /staff/opac/lists/{id}", auth.PermOPACManage, (*Server).opacListUpdate},
	{"POST /staff/opac/lists/{id}/publish", auth.PermOPACManage, (*Server).opacListPublish},
	{"POST /staff/opac/lists/{id}/delete", auth.PermOPACManage, (*Server).opacListDelete},
	{"POST /staff/opac/lists/{id}/entries", auth.PermOPACManage, (*Server).opacEntryAdd},
	{"POST /staff/opac/lists/{id}/entries/{record}", auth.PermOPACManage, (*Server).opacEntryChange},
}

// StaffRoutes returns the staff pages and their permissions (for tests and
// documentation).
func StaffRoutes() []StaffRoute { return append([]StaffRoute(nil), staffRoutes...) }

// Register adds the web routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("GET /static/", s.assets)
	mux.HandleFunc("GET /{$}", s.public(s.publicHome))
	mux.HandleFunc("GET /language", s.publicLanguage)
	mux.HandleFunc("GET /search", s.public(s.opacSearch))
	mux.HandleFunc("GET /search/help", s.public(s.opacHelp))
	mux.HandleFunc("GET /record/{id}", s.public(s.opacRecord))
	mux.HandleFunc("GET /lists", s.public(s.opacPublicLists))
	mux.HandleFunc("GET /lists/{id}", s.public(s.opacPublicList))
	mux.HandleFunc("GET /new-books", s.public(s.opacNewBooks))
	mux.HandleFunc("GET /account/login", s.public(s.myAccountLoginForm))
	mux.HandleFunc("POST /account/login", s.public(s.myAccountLogin))
	mux.HandleFunc("POST /account/logout", s.public(s.myAccountLogout))
	mux.HandleFunc("GET /account", s.readerPage(s.myAccount))
	mux.HandleFunc("GET /account/password", s.readerPage(s.myAccountPasswordForm))
	mux.HandleFunc("POST /account/password", s.readerPage(s.myAccountPassword))
	mux.HandleFunc("POST /account/loans/{id}/renew", s.readerPage(s.myAccountRenew))
	mux.HandleFunc("GET /account/hold", s.readerPage(s.myAccountHoldForm))
	mux.HandleFunc("POST /account/holds", s.readerPage(s.myAccountHoldPlace))
	mux.HandleFunc("POST /account/holds/{id}/cancel", s.readerPage(s.myAccountHoldCancel))
	mux.HandleFunc("POST /account/history", s.readerPage(s.myAccountHistory))
	mux.HandleFunc("GET /staff/login", s.public(s.loginForm))
	mux.HandleFunc("POST /staff/login", s.public(s.login))
	mux.HandleFunc("GET /staff", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/staff/", http.StatusMovedPermanently)
	})
	for _, rt := range staffRoutes {
		h := rt.handler
		mux.HandleFunc(rt.Pattern, s.staff(rt.Perm, func(r *req) { h(s, r) }))
	}
}
