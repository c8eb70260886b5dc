package main

// A forward HTTP proxy on loopback that changes one parameter of the next request, in its query string or its
// form body, then passes it on unchanged otherwise: a value altered between the client's signing and the server.

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
)

type tamper struct {
	Param string `json:"param"`
	Value string `json:"value"`
}

var (
	armed   *tamper
	armedMu sync.Mutex
)

func armTamper(t *tamper) {
	armedMu.Lock()
	armed = t
	armedMu.Unlock()
}

func takeTamper() *tamper {
	armedMu.Lock()
	defer armedMu.Unlock()
	t := armed
	armed = nil
	return t
}

func rewrite(r *http.Request, t *tamper) error {
	query := r.URL.Query()
	if _, ok := query[t.Param]; ok {
		query.Set(t.Param, t.Value)
		r.URL.RawQuery = query.Encode()
		return nil
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	form, err := url.ParseQuery(string(body))
	if err == nil && form.Has(t.Param) {
		form.Set(t.Param, t.Value)
		body = []byte(form.Encode())
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}

func startTamperProxy() (string, func(), error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	transport := &http.Transport{Proxy: nil}
	server := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if t := takeTamper(); t != nil {
			if err := rewrite(r, t); err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
		}
		r.RequestURI = ""
		res, err := transport.RoundTrip(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		for k, values := range res.Header {
			for _, v := range values {
				w.Header().Add(k, v)
			}
		}
		w.WriteHeader(res.StatusCode)
		_, _ = io.Copy(w, res.Body)
	})}
	go func() { _ = server.Serve(listener) }()
	return "http://" + listener.Addr().String(), func() { _ = server.Close() }, nil
}
