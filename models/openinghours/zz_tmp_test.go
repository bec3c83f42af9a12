package openinghours

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	b, err := os.ReadFile("/tmp/h1/texts.json")
	if err != nil {
		t.Skip()
	}
	var xs [][2]string
	json.Unmarshal(b, &xs)
	for _, x := range xs {
		if _, err := Parse(x[1]); err == nil {
			continue
		}
		o, ok := FromFrench(x[1])
		fmt.Printf("%s\t%v\t%q\t%s\n", x[0], ok, x[1], o)
	}
}
