package main
import (
 _ "github.com/labstack/echo/v4"
 _ "github.com/redis/go-redis/v9"
 _ "github.com/golang-jwt/jwt/v5"
 _ "github.com/go-redis/redis_rate/v10"
 _ "github.com/prometheus/client_golang/prometheus"
 _ "github.com/oapi-codegen/runtime"
 _ "github.com/oapi-codegen/nullable"
 _ "github.com/getkin/kin-openapi/openapi3filter"
 _ "golang.org/x/time/rate"
 _ "firebase.google.com/go/v4"
)
func main(){}
