/**
 * Added to JupyterLab's extension build (package.json jupyterlab.webpackConfig): the
 * extension's own CSS goes through style/strip-comments-loader.js before css-loader.
 */
const path = require('path');

module.exports = {
  module: {
    rules: [
      {
        test: /\.css$/,
        include: path.resolve(__dirname, 'style'),
        enforce: 'pre',
        loader: path.resolve(__dirname, 'style', 'strip-comments-loader.js')
      }
    ]
  }
};
