// The app's client of the API is the one every face that signs in shares (../shared/api.ts).
export { api, isNetworkError, newKey, problemText, renewOnce, downloadMyData, type Problem, type Schemas } from "../shared/api";
