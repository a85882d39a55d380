package sip2server_test

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/sip2server"
)

// TestTLS: with a TLS configuration the listener speaks TLS; a machine
// that trusts the certificate logs in, a plain-TCP client gets nothing.
func TestTLS(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "lantai-test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	d := dbtest.SQLite(t, nil)
	ms := sip2server.NewMachines(d)
	if _, err := ms.Create(context.Background(), admin, sip2server.MachineInput{Login: "k", Password: "secret-one", Location: "stacks", Enabled: true}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &sip2server.Server{Machines: ms, TLS: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())
	pool := x509.NewCertPool()
	parsed, _ := x509.ParseCertificate(der)
	pool.AddCert(parsed)
	c, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{RootCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write([]byte("9300CNk|COsecret-one|CPstacks|\r")); err != nil {
		t.Fatal(err)
	}
	got, err := bufio.NewReader(c).ReadString('\r')
	if err != nil || strings.TrimSuffix(got, "\r") != "941" {
		t.Fatalf("login over TLS: %q %v", got, err)
	}
	plain, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	plain.SetDeadline(time.Now().Add(3 * time.Second))
	plain.Write([]byte("9300CNk|COsecret-one|CPstacks|\r"))
	if got, _ := bufio.NewReader(plain).ReadString('\r'); strings.HasPrefix(got, "94") {
		t.Fatalf("plain TCP answered on a TLS listener: %q", got)
	}
}
