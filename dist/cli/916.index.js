export const id = 916;
export const ids = [916];
export const modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ DockerfileError),
/* harmony export */   y: () => (/* binding */ UserError)
/* harmony export */ });
/** An error caused by what the user gave us: shown as one readable message, never with a stack. */
class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
/** A problem in a Dockerfile, located at a line (1-based) so editors and annotations can point at it. */
class DockerfileError extends UserError {
    file;
    line;
    detail;
    constructor(file, line, detail) {
        super(`${file}:${line}: ${detail}`);
        this.file = file;
        this.line = line;
        this.detail = detail;
        this.name = 'DockerfileError';
    }
}


/***/ })

};
