/**
 * Added to JupyterLab's extension build (package.json jupyterlab.webpackConfig): the
 * extension's own CSS ships inside its JavaScript, fetched at every start of JupyterLab, so
 * it goes through the bundler's Lightning CSS loader, minified (no comments, no indentation),
 * before css-loader.
 */
const path = require('path');

module.exports = {
  module: {
    rules: [
      {
        test: /\.css$/,
        include: path.resolve(__dirname, 'style'),
        enforce: 'pre',
        loader: 'builtin:lightningcss-loader',
        options: { minify: true }
      }
    ]
  }
};
