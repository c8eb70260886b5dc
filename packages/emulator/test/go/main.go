// Generic RPC calls through Alibaba's Go OpenAPI core (github.com/alibabacloud-go/darabonba-openapi/v2),
// signed ACS3-HMAC-SHA256 or HMAC-SHA1 ("v2"), parameters in the query string or the form body. The protocol is
// the Python drivers' (see ../python/harness.py): one JSON job on stdin, one JSON line of outcomes on stdout.
//
// Call fields: id, signature ("acs3" | "v2"), action, method, query, body, headers, secret (overrides the job's),
// tamper ({"param": name, "value": new}). A tampered call goes through a proxy inside this process that changes
// the parameter on the wire after the client signed it; the client is configured with it as its HTTP proxy.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
)

type call struct {
	ID        string            `json:"id"`
	Signature string            `json:"signature"`
	Action    string            `json:"action"`
	Method    string            `json:"method"`
	Query     map[string]string `json:"query"`
	Body      map[string]string `json:"body"`
	Headers   map[string]string `json:"headers"`
	Secret    *string           `json:"secret"`
	Tamper    *tamper           `json:"tamper"`
}

type job struct {
	Endpoint        string `json:"endpoint"`
	AccessKeyID     string `json:"accessKeyId"`
	AccessKeySecret string `json:"accessKeySecret"`
	Calls           []call `json:"calls"`
}

type outcome struct {
	ID      string      `json:"id"`
	OK      bool        `json:"ok"`
	Body    interface{} `json:"body,omitempty"`
	Code    *string     `json:"code,omitempty"`
	Status  *int        `json:"status,omitempty"`
	Message string      `json:"message,omitempty"`
	Error   string      `json:"error,omitempty"`
}

// serviceError is what the client's ClientError, ServerError and ThrottlingError have in common.
type serviceError interface {
	GetCode() *string
	GetStatusCode() *int
	GetMessage() *string
}

func strings(m map[string]string) map[string]*string {
	if m == nil {
		return nil
	}
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = dara.String(v)
	}
	return out
}

func run(j job, c call, proxyURL string) outcome {
	secret := j.AccessKeySecret
	if c.Secret != nil {
		secret = *c.Secret
	}
	config := &openapi.Config{
		AccessKeyId:     dara.String(j.AccessKeyID),
		AccessKeySecret: dara.String(secret),
		Endpoint:        dara.String(j.Endpoint),
		Protocol:        dara.String("http"),
		RegionId:        dara.String("ap-southeast-1"),
	}
	if c.Signature == "v2" {
		config.SignatureAlgorithm = dara.String("v2")
	}
	client, err := openapi.NewClient(config)
	if err != nil {
		return outcome{ID: c.ID, Error: err.Error()}
	}
	method := c.Method
	if method == "" {
		method = "POST"
	}
	params := &openapi.Params{
		Action:      dara.String(c.Action),
		Version:     dara.String("2020-06-06"),
		Protocol:    dara.String("HTTP"),
		Pathname:    dara.String("/"),
		Method:      dara.String(method),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		BodyType:    dara.String("json"),
	}
	request := &openapi.OpenApiRequest{Query: strings(c.Query), Headers: strings(c.Headers)}
	if c.Body != nil {
		body := map[string]interface{}{}
		for k, v := range c.Body {
			body[k] = v
		}
		request.Body = body
	}
	runtime := &dara.RuntimeOptions{Autoretry: dara.Bool(false), MaxAttempts: dara.Int(0)}
	if c.Tamper != nil {
		armTamper(c.Tamper)
		runtime.HttpProxy = dara.String(proxyURL)
	}
	result, err := client.CallApi(params, request, runtime)
	if err != nil {
		// The client hands the service's answer over as tea.SDKError (unless DisableSDKError is set).
		var sdk *tea.SDKError
		if errors.As(err, &sdk) && sdk.Code != nil {
			return outcome{ID: c.ID, Code: sdk.Code, Status: sdk.StatusCode, Message: tea.StringValue(sdk.Message)}
		}
		var se serviceError
		if errors.As(err, &se) && se.GetCode() != nil {
			return outcome{ID: c.ID, Code: se.GetCode(), Status: se.GetStatusCode(), Message: dara.StringValue(se.GetMessage())}
		}
		return outcome{ID: c.ID, Error: err.Error()}
	}
	return outcome{ID: c.ID, OK: true, Body: result}
}

func main() {
	var j job
	if err := json.NewDecoder(os.Stdin).Decode(&j); err != nil {
		fmt.Fprintln(os.Stderr, "bad job:", err)
		os.Exit(2)
	}
	proxyURL, stop, err := startTamperProxy()
	if err != nil {
		fmt.Fprintln(os.Stderr, "proxy:", err)
		os.Exit(2)
	}
	defer stop()
	outcomes := make([]outcome, 0, len(j.Calls))
	for _, c := range j.Calls {
		outcomes = append(outcomes, run(j, c, proxyURL))
	}
	line, _ := json.Marshal(outcomes)
	fmt.Println(string(line))
}
