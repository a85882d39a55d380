package app_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/marc"
)

// TestImportAndExportPages uploads a MARC file with a bad record through
// the staff client, follows the job to its end and downloads the export.
func TestImportAndExportPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		c := s.NewClient(t)
		c.Login("cat", "password-cat")
		var file []byte
		for _, title := range []string{"上传一", "", "上传三"} {
			r := &marc.Record{Leader: marc.Leader([]byte("00000nam a2200000 a 4500"))}
			r.Add(marc.NewControlField("008", "200101s2019    ch            000 0 chi d"))
			if title != "" {
				r.Add(marc.NewDataField("245", '1', '0', "a", title))
			}
			raw, _ := marc.Marshal(r)
			file = append(file, raw...)
		}
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("format", "auto")
		mw.WriteField("encoding", "auto")
		mw.WriteField("on_duplicate", "skip")
		mw.WriteField("items_from", "none")
		fw, _ := mw.CreateFormFile("file", "upload.mrc")
		fw.Write(file)
		mw.Close()
		req, _ := http.NewRequest("POST", s.URL+"/staff/catalog/import", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Origin", s.URL)
		resp, err := c.HTTP.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		job := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/staff/catalog/import/\d+$`).MatchString(job) {
			t.Fatalf("upload: %d %s", resp.StatusCode, job)
		}
		var page string
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			_, page, _ = c.Get(job)
			if !strings.Contains(page, `http-equiv="refresh"`) {
				break
			}
		}
		if !strings.Contains(page, "已完成") || !regexp.MustCompile(`id="job-created">2<`).MatchString(page) ||
			!regexp.MustCompile(`<td>2</td><td>记录没有正题名`).MatchString(page) {
			t.Fatalf("job page: %s", page)
		}
		// An upload without a file says so.
		var empty bytes.Buffer
		mw = multipart.NewWriter(&empty)
		mw.WriteField("format", "auto")
		mw.Close()
		req, _ = http.NewRequest("POST", s.URL+"/staff/catalog/import", &empty)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Origin", s.URL)
		resp, _ = c.HTTP.Do(req)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("upload without a file: %d", resp.StatusCode)
		}
		status, out, h := c.Get("/staff/catalog/export?format=marcxml")
		if status != 200 || !strings.Contains(h.Get("Content-Disposition"), "attachment") || strings.Count(out, "<record>") != 2 || !strings.Contains(out, "上传三") {
			t.Fatalf("export: %d %v %.300s", status, h, out)
		}
		if status, _, _ := c.Get("/staff/catalog/export?format=pdf"); status != 422 {
			t.Fatalf("bad export format: %d", status)
		}
	})
}
