// Command spec-smoke calls four operations of the Convilyn API through the Go client generated
// from openapi/convilyn.yaml: it lists the workflow catalog, uploads input files, creates a goal
// job and reads its status. `make spec-clients` builds it (so the generated client compiles and keeps the shape
// this program relies on); run it against a server with -base-url.
package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"os"

	convilyn "github.com/convilyn/convilyn-go"
)

func idempotencyKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func run(baseURL, apiKey string) error {
	cfg := convilyn.NewConfiguration()
	cfg.Servers = convilyn.ServerConfigurations{{URL: baseURL}}
	cfg.UserAgent = "convilyn-go-smoke"
	client := convilyn.NewAPIClient(cfg)
	ctx := context.WithValue(context.Background(), convilyn.ContextAccessToken, apiKey)

	// 1. getWorkflowCatalog: a workflow a free key may run on plain-text files.
	catalog, _, err := client.WorkflowsAPI.GetWorkflowCatalog(ctx).Execute()
	if err != nil {
		return fmt.Errorf("getWorkflowCatalog: %w", err)
	}
	var workflow *convilyn.CatalogWorkflow
	for i := range catalog.Workflows {
		w := &catalog.Workflows[i]
		formats := w.GetSupportedInputFormats()
		if w.GetFreeTierAllowed() || !w.HasFreeTierAllowed() {
			for _, f := range formats {
				if f == "txt" && workflow == nil {
					workflow = w
				}
			}
		}
	}
	if workflow == nil {
		return fmt.Errorf("getWorkflowCatalog: no workflow takes .txt files on a free key")
	}

	// 2. uploadFile (multipart) as often as the workflow needs inputs.
	count := int(workflow.GetMinFileCount())
	if count < 1 {
		count = 1
	}
	fileIDs := make([]string, 0, count)
	for i := 0; i < count; i++ {
		id, err := upload(ctx, client, fmt.Sprintf("Ada Lovelace, note %d.\n", i+1))
		if err != nil {
			return err
		}
		fileIDs = append(fileIDs, id)
	}

	// 3. createGoalJob, then 4. getGoalJobStatus.
	request := convilyn.NewCreateGoalJobRequest(fileIDs)
	request.SetWorkflowId(workflow.WorkflowId)
	job, _, err := client.GoalsAPI.CreateGoalJob(ctx).
		CreateGoalJobRequest(*request).
		IdempotencyKey(idempotencyKey()).
		Execute()
	if err != nil {
		return fmt.Errorf("createGoalJob: %w", err)
	}
	status, _, err := client.GoalsAPI.GetGoalJobStatus(ctx, job.JobSpecId).Execute()
	if err != nil {
		return fmt.Errorf("getGoalJobStatus: %w", err)
	}
	fmt.Printf("workflow %s: goal job %s is %s (version %d)\n",
		workflow.WorkflowId, job.JobSpecId, status.Status, status.GetItemVersion())
	if status.Status == convilyn.GOALJOBSTATUSVALUE_FAILED {
		return fmt.Errorf("goal job %s failed", job.JobSpecId)
	}
	return nil
}

func upload(ctx context.Context, client *convilyn.APIClient, text string) (string, error) {
	f, err := os.CreateTemp("", "convilyn-*.txt")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, 0); err != nil {
		return "", err
	}
	uploaded, _, err := client.FilesAPI.UploadFile(ctx).File(f).IdempotencyKey(idempotencyKey()).Execute()
	if err != nil {
		return "", fmt.Errorf("uploadFile: %w", err)
	}
	if uploaded.FileID != uploaded.FileId {
		return "", fmt.Errorf("uploadFile: file_id %q differs from fileId %q", uploaded.FileID, uploaded.FileId)
	}
	return uploaded.FileId, nil
}

func main() {
	baseURL := flag.String("base-url", "", "API host root, e.g. http://127.0.0.1:8000")
	apiKey := flag.String("api-key", "ck_sandbox_go", "API key (ck_...)")
	flag.Parse()
	if *baseURL == "" {
		fmt.Fprintln(os.Stderr, "usage: spec-smoke -base-url URL [-api-key ck_...]")
		os.Exit(2)
	}
	if err := run(*baseURL, *apiKey); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
